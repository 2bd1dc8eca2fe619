// One import point for contract modules: schema helpers and the method definer.
export * from './common';
export { Empty, Nothing, method } from './define';
