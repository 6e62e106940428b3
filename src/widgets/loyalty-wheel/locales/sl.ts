import type en from './en';

/** Slovenian texts of the loyalty wheel. */
const pack: typeof en = {
  title: 'Zavrtite in zmagajte',
  intro: 'En vrtljaj na kupca. Če zmagate, prejmete kodo za to trgovino.',
  close: 'Zapri',
  done: 'Končano',
  loading: 'Nalaganje kolesa …',
  loadFailed: 'Kolesa ni bilo mogoče naložiti.',
  retry: 'Poskusite znova',
  wheel: 'Kolo sreče z nagradami: {prizes}',
  email: 'E-poštni naslov',
  emailInvalid: 'Vnesite svoj e-poštni naslov, na primer ime@primer.si.',
  consent: 'Pošiljajte mi ponudbe po e-pošti (neobvezno)',
  spin: 'Zavrtite kolo',
  spinning: 'Kolo se vrti …',
  spinFailed: 'Trgovine nismo mogli doseči, zato se kolo ni zavrtelo. Poskusite znova.',
  busy: 'Preveč poskusov hkrati. Počakajte trenutek in poskusite znova.',
  unavailable: 'Kolo je trenutno na premoru.',
  alreadySpun: 'Kolo ste že zavrteli.',
  comeBack: 'Vrnite se {date}.',
  won: 'Zadeli ste: {prize}! Koda velja do {date}.',
  lost: 'Tokrat brez nagrade. Hvala za igro!',
  expired: 'Vaša koda je potekla.',
  code: 'Vaša koda',
  copy: 'Kopiraj kodo',
  copied: 'Kopirano',
  copiedNotice: 'Koda je kopirana.',
  selected: 'Koda je označena. Kopirajte jo z ukazom za kopiranje v svoji napravi.',
  expiresRelative: 'Poteče {when}',
  expiresClock: 'Poteče čez {time}',
  apply: 'Uporabi v moji košarici',
  reminder: 'Vaša koda: {code}',
  hideReminder: 'Skrij opomnik za kodo',
  reminderHidden: 'Opomnik za kodo je skrit.',
};

export default pack;
