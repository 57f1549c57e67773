import { defineWebExtConfig } from 'wxt';

// `npm run dev` must not try to launch a browser of its own on machines without one.
export default defineWebExtConfig({ disabled: true });
