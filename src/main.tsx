import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './views/shell/App'
import './views/app.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
