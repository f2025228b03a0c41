import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { BUNDLE_EXTENSION } from '../../../shared/ipc/contract-bundles';
import { ApiCallError, api, errorMessage, unwrap } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import type { ToastMessage } from '../components/Toast';
import { pathOfDroppedFile } from './dropped-files';

/**
 * Exports a session as an `.irbundle`: the system Save dialog, then the export. Where there is no
 * dialog (a browser build), the bundle goes to the data folder's `exports/` and the toast says where.
 */
export async function exportSession(sessionId: string, onToast: (message: ToastMessage) => void): Promise<void> {
  try {
    let path: string | undefined;
    const picked = await api.bundle.pickExportPath({ sessionId });
    if (picked.ok) {
      if (picked.value.path === null) return;
      path = picked.value.path;
    } else if (picked.error.code !== 'forbidden') {
      throw new ApiCallError(picked.error);
    }
    const result = await unwrap(api.bundle.export(path ? { sessionId, path } : { sessionId }));
    onToast({ kind: 'success', text: `Exported the session to ${result.path}` });
  } catch (err) {
    onToast({ kind: 'error', text: `The session could not be exported: ${errorMessage(err)}` });
  }
}

interface ImportOptions {
  onImported: (sessionId: string) => void;
  onToast: (message: ToastMessage) => void;
  /** Drops onto the window import only while this is true (not in the candidate's room). */
  acceptDrops: boolean;
}

export interface BundleImport {
  importFromDialog: () => void;
  importPath: (path: string) => void;
  /** True while a file is dragged over the window. */
  dragging: boolean;
  /** The duplicate-id question, when one is open. */
  dialog: ReactNode;
}

/**
 * Importing bundles from the menu, the library's button or a drop onto the window. A session whose id
 * is already here is never overwritten: the reviewer chooses "Import as a copy" or cancels.
 */
export function useBundleImport({ onImported, onToast, acceptDrops }: ImportOptions): BundleImport {
  const [conflict, setConflict] = useState<{ path: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const callbacks = useRef({ onImported, onToast });
  useEffect(() => {
    callbacks.current = { onImported, onToast };
  }, [onImported, onToast]);

  const run = useCallback(async (path: string, asCopy: boolean) => {
    setBusy(true);
    try {
      const result = await api.bundle.import({ path, asCopy });
      if (result.ok) {
        setConflict(null);
        callbacks.current.onToast({
          kind: 'success',
          text: result.value.asCopy
            ? 'Imported the session as a copy.'
            : `Imported the session${result.value.recordings > 0 ? ' with its recording' : ''}.`,
        });
        callbacks.current.onImported(result.value.sessionId);
      } else if (result.error.code === 'conflict' && !asCopy) {
        setConflict({ path, message: result.error.message });
      } else {
        setConflict(null);
        callbacks.current.onToast({ kind: 'error', text: `The bundle was not imported: ${result.error.message}` });
      }
    } catch (err) {
      callbacks.current.onToast({ kind: 'error', text: `The bundle was not imported: ${errorMessage(err)}` });
    } finally {
      setBusy(false);
    }
  }, []);

  const importPath = useCallback((path: string) => void run(path, false), [run]);

  const importFromDialog = useCallback(() => {
    void (async () => {
      const picked = await api.bundle.pickImportPath({});
      if (!picked.ok) {
        callbacks.current.onToast({ kind: 'error', text: picked.error.message });
        return;
      }
      if (picked.value.path) await run(picked.value.path, false);
    })();
  }, [run]);

  useEffect(() => {
    if (!acceptDrops) return;
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      // Without this the browser would open the dropped file in place of the app.
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      const bundle = files.find((f) => f.name.toLowerCase().endsWith(BUNDLE_EXTENSION));
      if (!bundle) {
        callbacks.current.onToast({ kind: 'error', text: `Drop a session bundle (${BUNDLE_EXTENSION}) to import it.` });
        return;
      }
      const path = pathOfDroppedFile(bundle);
      if (!path) {
        callbacks.current.onToast({ kind: 'error', text: `${bundle.name} cannot be read from here; use Import session… instead.` });
        return;
      }
      importPath(path);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
      setDragging(false);
    };
  }, [acceptDrops, importPath]);

  const dialog = conflict ? (
    <ConfirmDialog
      title="This session is already in your library"
      body={`${conflict.message} Importing as a copy gives the imported session a new id.`}
      confirmLabel="Import as a copy"
      busy={busy}
      onConfirm={() => void run(conflict.path, true)}
      onCancel={() => setConflict(null)}
    />
  ) : null;

  return { importFromDialog, importPath, dragging, dialog };
}

/** The overlay shown while a file is dragged over the window. */
export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div className="lib-drop-overlay" aria-hidden="true">
      <div className="lib-drop-card">
        <strong>Drop a session bundle to import it</strong>
        <span className="muted">{BUNDLE_EXTENSION} files exported from Interview Recorder</span>
      </div>
    </div>
  );
}
