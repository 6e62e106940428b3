import type en from './en';

// Thai has no plural forms: `one` and `other` read the same.
/** The chat launcher's Thai texts. */
const pack: typeof en = {
  'launcher.open': 'แชตกับเรา',
  'launcher.unread.one': 'แชตกับเรา มีข้อความที่ยังไม่ได้อ่าน {count} ข้อความ',
  'launcher.unread.other': 'แชตกับเรา มีข้อความที่ยังไม่ได้อ่าน {count} ข้อความ',
  title: 'แชตกับเรา',
  close: 'ปิดแชต',
  'status.checking': 'กำลังเชื่อมต่อ…',
  'status.online': 'ขณะนี้เราพร้อมให้บริการ',
  'status.replyTime.one': 'ขณะนี้เราพร้อมให้บริการ และมักตอบกลับภายใน {count} นาที',
  'status.replyTime.other': 'ขณะนี้เราพร้อมให้บริการ และมักตอบกลับภายใน {count} นาที',
  'status.offline': 'ขณะนี้เราไม่อยู่ ฝากข้อความและอีเมลของคุณไว้ แล้วเราจะติดต่อกลับ',
  'status.unreachable': 'ขณะนี้ไม่สามารถติดต่อร้านค้าได้ ข้อความของคุณถูกเก็บไว้และจะส่งทันทีที่ทำได้',
  conversation: 'บทสนทนา',
  empty: 'สอบถามเราได้ทุกเรื่อง ทั้งไซซ์ สินค้าในสต็อก การจัดส่ง หรือคำสั่งซื้อของคุณ',
  'from.shopper': 'คุณ',
  'from.agent': 'ร้านค้า',
  'from.system': 'การแจ้งเตือน',
  'delivery.sent': 'ส่งแล้ว',
  'delivery.waiting': 'รอส่ง',
  'delivery.failed': 'ยังส่งไม่สำเร็จ จะลองส่งใหม่',
  'delivery.rejected': 'ส่งไม่ได้',
  'message.label': 'ข้อความของคุณ',
  'message.required': 'กรุณาพิมพ์ข้อความก่อน',
  'email.label': 'อีเมลของคุณ เพื่อให้เราตอบกลับได้',
  'email.invalid': 'กรุณากรอกอีเมล เช่น name@example.com',
  send: 'ส่ง',
  channels: 'ช่องทางอื่นในการติดต่อเรา',
  'channel.whatsapp': 'WhatsApp',
  'channel.messenger': 'Messenger',
  'channel.email': 'อีเมล',
  'channel.phone': 'โทรศัพท์',
  'channel.link': 'หน้าติดต่อเรา',
  'announce.agent': 'ข้อความใหม่จากร้านค้า: {text}',
  'announce.unread.one': 'มีข้อความแชตใหม่ {count} ข้อความ',
  'announce.unread.other': 'มีข้อความแชตใหม่ {count} ข้อความ',
};

export default pack;
