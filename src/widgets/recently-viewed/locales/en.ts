/** English strings of the recently-viewed strip; merchants override them as `recentlyViewed.<key>`. */
const en = {
  title: 'Recently viewed',
  list: 'Products you viewed recently',
  clear: 'Clear history',
  cleared: 'Your recently viewed list was cleared.',
  was: 'was',
  priceDropped: 'Price dropped',
  backInStock: 'Back in stock',
  lowStock: 'Only {count} left',
};

export default en;
