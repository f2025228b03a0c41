export * from './changes';
export * from './playback';
export * from './record';
