import type en from './en';

/** Danish strings of the recently-viewed strip. */
const pack: typeof en = {
  title: 'Senest sete',
  list: 'Produkter, du har set for nylig',
  clear: 'Ryd historik',
  cleared: 'Din liste over senest sete produkter er ryddet.',
  was: 'før',
  priceDropped: 'Prisen er sat ned',
  backInStock: 'På lager igen',
  lowStock: 'Kun {count} tilbage',
};

export default pack;
