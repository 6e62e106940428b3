import type en from './en';

/** Swedish texts of the account prompt. */
const pack: typeof en = {
  title: 'Skapa ditt kostnadsfria konto',
  intro: 'Med ett konto får du:',
  benefit1: 'Orderspårning',
  benefit2: 'Exklusiva erbjudanden',
  benefit3: 'Snabbare kassa',
  email: 'E-post',
  name: 'Namn (valfritt)',
  consent: 'Skicka erbjudanden och nyheter till min e-post. Jag kan avregistrera mig när som helst.',
  submit: 'Skapa konto',
  submitting: 'Skapar ditt konto…',
  retry: 'Försök igen',
  close: 'Stäng',
  teaser: 'Skapa ett konto',
  hideTeaser: 'Dölj kontoinbjudan',
  teaserHidden: 'Kontoinbjudan är dold.',
  emailRequired: 'Ange din e-postadress.',
  emailInvalid: 'Ange en e-postadress som namn@exempel.se.',
  nameInvalid: 'Ange ett namn på högst 100 tecken.',
  created: 'Välkommen! Ditt konto är klart.',
  verificationSent: 'Nästan klart: öppna länken vi skickade till {email} för att bekräfta ditt konto.',
  exists: 'Det finns redan ett konto för {email}.',
  signIn: 'Logga in',
  done: 'Fortsätt handla',
  errorNetwork: 'Vi nådde inte butiken. Dina uppgifter finns kvar: försök igen.',
  errorServer: 'Något gick fel hos oss. Dina uppgifter finns kvar: försök igen.',
  errorBusy: 'För många försök. Vänta en stund och försök sedan igen.',
  errorRejected: 'Butiken kunde inte skapa kontot. Kontrollera dina uppgifter och försök igen.',
};

export default pack;
