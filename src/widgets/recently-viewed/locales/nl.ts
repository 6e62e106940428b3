import type en from './en';

/** Dutch strings of the recently-viewed strip. */
const pack: typeof en = {
  title: 'Recent bekeken',
  list: 'Producten die je onlangs hebt bekeken',
  clear: 'Geschiedenis wissen',
  cleared: 'Je lijst met recent bekeken producten is gewist.',
  was: 'was',
  priceDropped: 'Prijs verlaagd',
  backInStock: 'Weer op voorraad',
  lowStock: 'Nog maar {count} over',
};

export default pack;
