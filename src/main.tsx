import './ui/zod-config';
import '@xyflow/react/dist/style.css';
import './ui/theme/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { boot } from './ui/boot';
import { AppBoundary } from './ui/shell/ErrorBoundaries';

boot();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppBoundary>
      <App />
    </AppBoundary>
  </StrictMode>,
);
