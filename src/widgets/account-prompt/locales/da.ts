import type en from './en';

/** Danish texts of the account prompt. */
const pack: typeof en = {
  title: 'Opret din gratis konto',
  intro: 'Med en konto får du:',
  benefit1: 'Ordresporing',
  benefit2: 'Eksklusive tilbud',
  benefit3: 'Hurtigere gennem kassen',
  email: 'E-mail',
  name: 'Navn (valgfrit)',
  consent: 'Send mig tilbud og nyheder på e-mail. Jeg kan til enhver tid afmelde mig.',
  submit: 'Opret konto',
  submitting: 'Opretter din konto…',
  retry: 'Prøv igen',
  close: 'Luk',
  teaser: 'Opret en konto',
  hideTeaser: 'Skjul kontoinvitationen',
  teaserHidden: 'Kontoinvitationen er skjult.',
  emailRequired: 'Indtast din e-mailadresse.',
  emailInvalid: 'Indtast en e-mailadresse som navn@eksempel.dk.',
  nameInvalid: 'Indtast et navn på højst 100 tegn.',
  created: 'Velkommen! Din konto er klar.',
  verificationSent: 'Næsten færdig: åbn linket, vi sendte til {email}, for at bekræfte din konto.',
  exists: 'Der findes allerede en konto for {email}.',
  signIn: 'Log ind',
  done: 'Fortsæt med at handle',
  errorNetwork: 'Vi kunne ikke få forbindelse til butikken. Dine oplysninger er her stadig: prøv igen.',
  errorServer: 'Noget gik galt hos os. Dine oplysninger er her stadig: prøv igen.',
  errorBusy: 'For mange forsøg. Vent et øjeblik, og prøv så igen.',
  errorRejected: 'Butikken kunne ikke oprette kontoen. Tjek dine oplysninger, og prøv igen.',
};

export default pack;
