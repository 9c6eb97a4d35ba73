/**
 * The notifications page on its own: every role that reads notifications (lawyers and counsellors
 * too, who see no supervision figures) opens it from the bell or the menu.
 */
import NotificationsPage from './NotificationsPage.tsx';
import './supervision.css';

export default NotificationsPage;
