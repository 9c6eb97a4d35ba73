import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../lib/i18n.tsx';

export function Forbidden({ subTitle }: { subTitle?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('result.403')}
      subTitle={subTitle ?? t('result.403.sub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.back')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound({ title, subTitle }: { title?: string; subTitle?: string }) {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={title ?? t('result.404')}
      subTitle={subTitle ?? t('result.404.sub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.back')}</Button>
        </Link>
      }
    />
  );
}

export default NotFound;
