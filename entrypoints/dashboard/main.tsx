import { createRoot } from 'react-dom/client';
import { DashboardPage } from '@/components/dashboard/dashboard-page';
import './style.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<DashboardPage />);
