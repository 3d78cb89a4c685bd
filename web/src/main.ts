import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppClient } from './graphql/client';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import './styles.css';

const i18n = createAppI18n();
const client = createAppClient({ locale: () => i18n.global.locale.value });

createApp(App).use(i18n).use(urql, client).use(createAppRouter()).mount('#app');
