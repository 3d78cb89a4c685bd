import type { MessageSchema } from './en';

// Mensajes en español (España). Misma forma que en.ts.
const es: MessageSchema = {
  app: {
    productName: 'Contact Center',
    tagline: 'Llamadas, WhatsApp, correo y chat web en una sola cola',
  },
  locale: {
    label: 'Idioma',
    es: 'Español',
    en: 'English',
  },
  auth: {
    title: 'Iniciar sesión',
    subtitle: 'Accede con tu cuenta de agente para abrir la consola.',
    email: 'Correo electrónico',
    emailPlaceholder: "nombre{'@'}empresa.com",
    password: 'Contraseña',
    submit: 'Iniciar sesión',
    submitting: 'Iniciando sesión…',
    emailRequired: 'Introduce tu correo electrónico.',
    emailInvalid: "Introduce un correo electrónico válido, p. ej. nombre{'@'}empresa.com.",
    passwordRequired: 'Introduce tu contraseña.',
    invalidCredentials: 'El correo o la contraseña no son correctos.',
    networkError: 'No se ha podido conectar con el servidor. Comprueba la conexión e inténtalo de nuevo.',
    unexpectedError: 'No se ha podido iniciar sesión. Inténtalo de nuevo.',
  },
  console: {
    navLabel: 'Secciones de la consola',
    navInteractions: 'Interacciones',
    emptyTitle: 'Sin interacciones todavía',
    emptyBody: 'Aquí aparecerán las nuevas llamadas, mensajes de WhatsApp, correos y chats web.',
    signedInAs: 'Sesión iniciada como {name}',
    logout: 'Cerrar sesión',
  },
  role: {
    AGENT: 'Agente',
    SUPERVISOR: 'Supervisor',
    ADMIN: 'Administrador',
  },
  notFound: {
    title: 'Página no encontrada',
    back: 'Ir a la consola',
  },
};

export default es;
