import { createRoot } from 'react-dom/client';
import { BacklogPopup } from '@/components/backlog-popup';
import './style.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<BacklogPopup />);
