/**
 * The product reader as one lazy chunk: the loader imports it only on pages whose markup may
 * describe a product (see hint.ts), so listing and content pages never download it.
 */
export { detectProduct, showsProduct } from './detect';
export { normalizeProduct } from './normalize';
