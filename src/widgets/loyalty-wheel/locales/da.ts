import type en from './en';

/** Danish texts of the loyalty wheel. */
const pack: typeof en = {
  title: 'Drej og vind',
  intro: 'Ét spin pr. kunde. Vinder du, får du en kode til butikken.',
  close: 'Luk',
  done: 'Færdig',
  loading: 'Hjulet indlæses…',
  loadFailed: 'Hjulet kunne ikke indlæses.',
  retry: 'Prøv igen',
  wheel: 'Lykkehjul med: {prizes}',
  email: 'E-mail',
  emailInvalid: 'Indtast din e-mailadresse, f.eks. navn@eksempel.dk.',
  consent: 'Send mig tilbud på e-mail (valgfrit)',
  spin: 'Drej hjulet',
  spinning: 'Drejer…',
  spinFailed: 'Vi kunne ikke nå butikken, så hjulet drejede ikke. Prøv igen.',
  busy: 'For mange forsøg på én gang. Vent lidt, og prøv så igen.',
  unavailable: 'Hjulet holder pause.',
  alreadySpun: 'Du har allerede drejet hjulet.',
  comeBack: 'Kom tilbage den {date}.',
  won: 'Du vandt: {prize}! Din kode gælder til {date}.',
  lost: 'Ingen gevinst denne gang. Tak fordi du spillede!',
  expired: 'Din kode er udløbet.',
  code: 'Din kode',
  copy: 'Kopiér koden',
  copied: 'Kopieret',
  copiedNotice: 'Koden er kopieret.',
  selected: 'Koden er markeret. Kopiér den med din enheds kopieringsfunktion.',
  expiresRelative: 'Udløber {when}',
  expiresClock: 'Udløber om {time}',
  apply: 'Brug den i min kurv',
  reminder: 'Din kode: {code}',
  hideReminder: 'Skjul kodepåmindelsen',
  reminderHidden: 'Kodepåmindelsen er skjult.',
};

export default pack;
