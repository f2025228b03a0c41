/**
 * 0060 — the WebM fallback's conversion. Where MediaRecorder cannot write MP4, a recording is captured as
 * WebM and converted to MP4 with ffmpeg after it stops. The conversion is its own column rather than a new
 * `status`, so the status keeps saying how the capture ended (completed, recovered, failed) and the table's
 * CHECK needs no rebuild; NULL for recordings written straight to MP4.
 */
export const sql = /* sql */ `
-- 'pending': being written as WebM; 'converting': ffmpeg is at work (or a run died during it, so the next
-- start converts again); 'converted': path names the MP4 and the WebM is gone; 'kept_webm': path names the
-- WebM, error says why it was not converted.
ALTER TABLE recordings ADD COLUMN conversion TEXT CHECK (conversion IN ('pending', 'converting', 'converted', 'kept_webm'));
`;
