// Entry of the renderer.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { randomId } from './db/device-key';
import './styles.css';

// A teammate's browser over plain http on the LAN is not a secure context and
// has no crypto.randomUUID; the screens make ids with it, so give it one built
// on getRandomValues, which every context has.
if (typeof crypto.randomUUID !== 'function') {
  Object.defineProperty(crypto, 'randomUUID', { value: randomId, configurable: true });
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
