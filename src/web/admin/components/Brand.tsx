import { useI18n } from '../lib/i18n.tsx';

function Emblem() {
  return (
    <svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true">
      <circle cx="16" cy="16" r="15" fill="#fff" />
      <circle cx="16" cy="16" r="12.5" fill="#c8102e" />
      <path d="M16 7.5l2.2 5.2 5.6.4-4.3 3.6 1.4 5.5L16 19.2l-4.9 3 1.4-5.5-4.3-3.6 5.6-.4z" fill="#ffd34d" />
    </svg>
  );
}

export function Brand({ light }: { light?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={light ? 'gh-brand gh-brand-light' : 'gh-brand'}>
      <Emblem />
      <div>
        <div className="gh-brand-name">{t('app.name')}</div>
        <div className="gh-brand-org">{t('app.org')}</div>
      </div>
    </div>
  );
}
