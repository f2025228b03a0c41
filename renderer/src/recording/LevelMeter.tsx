import { useEffect, useRef, useState } from 'react';
import { peakLevel } from './capture-devices';

/** Live microphone level from a Web Audio analyser, redrawn every animation frame. */
export function LevelMeter({ analyser, onPeak }: { analyser: AnalyserNode | null; onPeak?: (peak: number) => void }) {
  const [level, setLevel] = useState(0);
  const peakRef = useRef(onPeak);
  useEffect(() => {
    peakRef.current = onPeak;
  }, [onPeak]);

  useEffect(() => {
    if (!analyser) return;
    const buffer = new Float32Array(analyser.fftSize);
    let frame = 0;
    let shown = 0;
    const tick = () => {
      const peak = peakLevel(analyser, buffer);
      // Fast attack, slow release: speech reads as a steady bar rather than flicker.
      shown = Math.max(peak, shown * 0.9);
      setLevel(shown);
      peakRef.current?.(peak);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [analyser]);

  const percent = Math.round(Math.min(1, Math.sqrt(analyser ? level : 0)) * 100);
  return (
    <div className="level-meter" role="meter" aria-label="Microphone level" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className="level-meter-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
