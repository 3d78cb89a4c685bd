import { createRouter, createWebHistory, type RouterHistory } from 'vue-router';
import { hasSession } from './composables/useSession';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only reachable with a session; otherwise the guard sends the visitor to /login. */
    requiresAuth?: boolean;
    /** Only for visitors without a session (the login page). */
    guestOnly?: boolean;
  }
}

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  const router = createRouter({
    history,
    routes: [
      { path: '/', redirect: { name: 'console' } },
      {
        path: '/login',
        name: 'login',
        component: () => import('./pages/LoginPage.vue'),
        meta: { guestOnly: true },
      },
      {
        path: '/console',
        name: 'console',
        component: () => import('./pages/ConsolePage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/supervisor',
        name: 'supervisor',
        component: () => import('./pages/SupervisorPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/reports',
        name: 'reports',
        component: () => import('./pages/ReportsPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/archive',
        name: 'archive',
        component: () => import('./pages/ArchivePage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/campaigns',
        name: 'campaigns',
        component: () => import('./pages/CampaignsPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/segments',
        name: 'segments',
        component: () => import('./pages/SegmentsPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/users',
        name: 'users',
        component: () => import('./pages/UsersPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/webhooks',
        name: 'webhooks',
        component: () => import('./pages/WebhooksPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/whatsapp',
        name: 'whatsapp',
        component: () => import('./pages/WhatsAppPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/privacy',
        name: 'privacy',
        component: () => import('./pages/PrivacyPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('./pages/NotFoundPage.vue'),
      },
    ],
  });

  router.beforeEach((to) => {
    const signedIn = hasSession();
    if (to.meta.requiresAuth && !signedIn) {
      return { name: 'login', query: to.fullPath === '/console' ? {} : { redirect: to.fullPath } };
    }
    if (to.meta.guestOnly && signedIn) {
      return { name: 'console' };
    }
    return true;
  });

  return router;
}

/** Where to go after signing in: a same-app path from ?redirect=, else the console. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')
    ? value
    : '/console';
}
