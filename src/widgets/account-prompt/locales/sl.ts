import type en from './en';

/** Slovenian texts of the account prompt. */
const pack: typeof en = {
  title: 'Ustvarite brezplačen račun',
  intro: 'Z računom dobite:',
  benefit1: 'Sledenje naročilom',
  benefit2: 'Ekskluzivne ponudbe',
  benefit3: 'Hitrejši zaključek nakupa',
  email: 'E-pošta',
  name: 'Ime (neobvezno)',
  consent: 'Pošiljajte mi ponudbe in novice po e-pošti. Odjavim se lahko kadar koli.',
  submit: 'Ustvari račun',
  submitting: 'Ustvarjamo vaš račun…',
  retry: 'Poskusi znova',
  close: 'Zapri',
  teaser: 'Ustvarite račun',
  hideTeaser: 'Skrij povabilo k ustvarjanju računa',
  teaserHidden: 'Povabilo k ustvarjanju računa je skrito.',
  emailRequired: 'Vnesite svoj e-poštni naslov.',
  emailInvalid: 'Vnesite e-poštni naslov, na primer ime@primer.si.',
  nameInvalid: 'Vnesite ime z največ 100 znaki.',
  created: 'Dobrodošli! Vaš račun je pripravljen.',
  verificationSent: 'Skoraj končano: odprite povezavo, ki smo jo poslali na {email}, in potrdite svoj račun.',
  exists: 'Za {email} račun že obstaja.',
  signIn: 'Prijava',
  done: 'Nadaljuj z nakupovanjem',
  errorNetwork: 'Trgovine ni bilo mogoče doseči. Vaši podatki so ohranjeni: poskusite znova.',
  errorServer: 'Pri nas je prišlo do napake. Vaši podatki so ohranjeni: poskusite znova.',
  errorBusy: 'Preveč poskusov. Počakajte trenutek in poskusite znova.',
  errorRejected: 'Trgovina ni mogla ustvariti računa. Preverite podatke in poskusite znova.',
};

export default pack;
