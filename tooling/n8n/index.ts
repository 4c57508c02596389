export * from './driver';
export * from './versions';
