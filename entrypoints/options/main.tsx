import { createRoot } from 'react-dom/client';
import { OptionsPage } from '@/components/options-page';
import './style.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<OptionsPage />);
