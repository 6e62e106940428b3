import type en from './en';

/** Swedish texts of the loyalty wheel. */
const pack: typeof en = {
  title: 'Snurra och vinn',
  intro: 'En snurr per kund. Vinner du får du en kod till butiken.',
  close: 'Stäng',
  done: 'Klar',
  loading: 'Hjulet laddas…',
  loadFailed: 'Hjulet kunde inte laddas.',
  retry: 'Försök igen',
  wheel: 'Lyckohjul med: {prizes}',
  email: 'E-post',
  emailInvalid: 'Ange din e-postadress, till exempel namn@exempel.se.',
  consent: 'Skicka erbjudanden till mig via e-post (valfritt)',
  spin: 'Snurra hjulet',
  spinning: 'Snurrar…',
  spinFailed: 'Vi nådde inte butiken, så hjulet snurrade inte. Försök igen.',
  busy: 'För många försök på en gång. Vänta en stund och försök sedan igen.',
  unavailable: 'Hjulet tar en paus.',
  alreadySpun: 'Du har redan snurrat hjulet.',
  comeBack: 'Kom tillbaka den {date}.',
  won: 'Du vann: {prize}! Din kod gäller till {date}.',
  lost: 'Ingen vinst den här gången. Tack för att du spelade!',
  expired: 'Din kod har gått ut.',
  code: 'Din kod',
  copy: 'Kopiera koden',
  copied: 'Kopierad',
  copiedNotice: 'Koden är kopierad.',
  selected: 'Koden är markerad. Kopiera den med enhetens kopieringskommando.',
  expiresRelative: 'Går ut {when}',
  expiresClock: 'Går ut om {time}',
  apply: 'Använd den i min varukorg',
  reminder: 'Din kod: {code}',
  hideReminder: 'Dölj kodpåminnelsen',
  reminderHidden: 'Kodpåminnelsen är dold.',
};

export default pack;
