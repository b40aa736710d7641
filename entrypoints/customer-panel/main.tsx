import { createRoot } from 'react-dom/client';
import { CustomerHistoryPanel } from '@/components/customer-panel/panel';
import './style.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<CustomerHistoryPanel />);
