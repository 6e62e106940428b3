import type en from './en';

/** Dutch texts of the account prompt. */
const pack: typeof en = {
  title: 'Maak je gratis account aan',
  intro: 'Met een account krijg je:',
  benefit1: 'Bestellingen volgen',
  benefit2: 'Exclusieve aanbiedingen',
  benefit3: 'Sneller afrekenen',
  email: 'E-mailadres',
  name: 'Naam (optioneel)',
  consent: 'Stuur me aanbiedingen en nieuws per e-mail. Ik kan me altijd afmelden.',
  submit: 'Account aanmaken',
  submitting: 'Je account wordt aangemaakt…',
  retry: 'Opnieuw proberen',
  close: 'Sluiten',
  teaser: 'Account aanmaken',
  hideTeaser: 'Accountuitnodiging verbergen',
  teaserHidden: 'Accountuitnodiging verborgen.',
  emailRequired: 'Vul je e-mailadres in.',
  emailInvalid: 'Vul een e-mailadres in zoals naam@voorbeeld.nl.',
  nameInvalid: 'Vul een naam in van maximaal 100 tekens.',
  created: 'Welkom! Je account is klaar.',
  verificationSent: 'Bijna klaar: open de link die we naar {email} hebben gestuurd om je account te bevestigen.',
  exists: 'Er bestaat al een account voor {email}.',
  signIn: 'Inloggen',
  done: 'Verder winkelen',
  errorNetwork: 'We konden de winkel niet bereiken. Je gegevens staan er nog: probeer het opnieuw.',
  errorServer: 'Er ging bij ons iets mis. Je gegevens staan er nog: probeer het opnieuw.',
  errorBusy: 'Te veel pogingen. Wacht even en probeer het dan opnieuw.',
  errorRejected: 'De winkel kon het account niet aanmaken. Controleer je gegevens en probeer het opnieuw.',
};

export default pack;
