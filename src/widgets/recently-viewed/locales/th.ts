import type en from './en';

/** Thai strings of the recently-viewed strip. */
const pack: typeof en = {
  title: 'สินค้าที่ดูล่าสุด',
  list: 'สินค้าที่คุณดูเมื่อเร็วๆ นี้',
  clear: 'ล้างประวัติ',
  cleared: 'ล้างรายการสินค้าที่ดูล่าสุดแล้ว',
  was: 'ราคาเดิม',
  priceDropped: 'ลดราคาแล้ว',
  backInStock: 'กลับมามีสินค้าแล้ว',
  lowStock: 'เหลือเพียง {count} ชิ้น',
};

export default pack;
