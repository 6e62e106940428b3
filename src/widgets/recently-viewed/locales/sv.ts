import type en from './en';

/** Swedish strings of the recently-viewed strip. */
const pack: typeof en = {
  title: 'Nyligen visade',
  list: 'Produkter du nyligen tittat på',
  clear: 'Rensa historik',
  cleared: 'Din lista över nyligen visade produkter har rensats.',
  was: 'tidigare',
  priceDropped: 'Sänkt pris',
  backInStock: 'Åter i lager',
  lowStock: 'Bara {count} kvar',
};

export default pack;
