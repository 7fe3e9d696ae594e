export * from './trunk-config';
export * from './numbers';
export * from './dial-external';
