// English messages. This object is the message schema: es.ts must have the same shape.
// vue-i18n syntax: `{name}` interpolates; a literal @ { } | must be written as {'@'} etc.
const en = {
  app: {
    productName: 'Contact Center',
    tagline: 'Calls, WhatsApp, email and web chat in one queue',
  },
  locale: {
    label: 'Language',
    es: 'Español',
    en: 'English',
  },
  auth: {
    title: 'Sign in',
    subtitle: 'Use your agent account to open the console.',
    email: 'Email',
    emailPlaceholder: "name{'@'}company.com",
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    emailRequired: 'Enter your email address.',
    emailInvalid: 'Enter a valid email address, like name{\'@\'}company.com.',
    passwordRequired: 'Enter your password.',
    invalidCredentials: 'The email or password is incorrect.',
    networkError: 'Could not reach the server. Check your connection and try again.',
    unexpectedError: 'Sign-in failed. Please try again.',
  },
  console: {
    navLabel: 'Console sections',
    navInteractions: 'Interactions',
    emptyTitle: 'No interactions yet',
    emptyBody: 'New calls, WhatsApp messages, emails and web chats will appear here.',
    signedInAs: 'Signed in as {name}',
    logout: 'Log out',
  },
  role: {
    AGENT: 'Agent',
    SUPERVISOR: 'Supervisor',
    ADMIN: 'Administrator',
  },
  notFound: {
    title: 'Page not found',
    back: 'Go to the console',
  },
};

export type MessageSchema = typeof en;

export default en;
