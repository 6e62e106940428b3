import type en from './en';

/** Slovenian strings of the recently-viewed strip; phrased so one form fits every count. */
const pack: typeof en = {
  title: 'Nedavno ogledano',
  list: 'Izdelki, ki ste si jih nedavno ogledali',
  clear: 'Počisti zgodovino',
  cleared: 'Seznam nedavno ogledanih izdelkov je izbrisan.',
  was: 'prej',
  priceDropped: 'Nižja cena',
  backInStock: 'Spet na zalogi',
  lowStock: 'Na zalogi le še {count}',
};

export default pack;
