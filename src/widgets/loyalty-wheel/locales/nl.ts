import type en from './en';

/** Dutch texts of the loyalty wheel. */
const pack: typeof en = {
  title: 'Draai en win',
  intro: 'Eén keer draaien per klant. Win je, dan krijg je een code voor deze winkel.',
  close: 'Sluiten',
  done: 'Klaar',
  loading: 'Het rad wordt geladen…',
  loadFailed: 'Het rad kon niet worden geladen.',
  retry: 'Opnieuw proberen',
  wheel: 'Rad van fortuin met: {prizes}',
  email: 'E-mailadres',
  emailInvalid: 'Vul je e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.',
  consent: 'Stuur mij aanbiedingen per e-mail (optioneel)',
  spin: 'Draai aan het rad',
  spinning: 'Het rad draait…',
  spinFailed: 'We konden de winkel niet bereiken, dus het rad is niet gedraaid. Probeer het opnieuw.',
  busy: 'Te veel pogingen tegelijk. Wacht even en probeer het dan opnieuw.',
  unavailable: 'Het rad neemt even pauze.',
  alreadySpun: 'Je hebt al aan het rad gedraaid.',
  comeBack: 'Kom terug op {date}.',
  won: 'Je hebt gewonnen: {prize}! Je code is geldig tot {date}.',
  lost: 'Deze keer geen prijs. Bedankt voor het meespelen!',
  expired: 'Je code is verlopen.',
  code: 'Je code',
  copy: 'Code kopiëren',
  copied: 'Gekopieerd',
  copiedNotice: 'Code gekopieerd.',
  selected: 'Code geselecteerd. Kopieer hem met de kopieerfunctie van je apparaat.',
  expiresRelative: 'Verloopt {when}',
  expiresClock: 'Verloopt over {time}',
  apply: 'Gebruik hem in mijn winkelwagen',
  reminder: 'Je code: {code}',
  hideReminder: 'Codeherinnering verbergen',
  reminderHidden: 'Codeherinnering verborgen.',
};

export default pack;
