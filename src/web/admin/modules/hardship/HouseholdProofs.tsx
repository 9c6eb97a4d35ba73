/** A household's proofs: uploaded files, downloaded by name. */
import { App, Button, Card, Empty, Space, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../lib/time.ts';
import { errorMessage, uploadFile } from '../../lib/api.ts';
import { useAuth } from '../../lib/auth.tsx';
import { downloadFile, HBASE, type HouseholdFile } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

export function HouseholdProofs({ h, file, onChanged }: { h: HouseholdFile['household']; file: HouseholdFile; onChanged: () => void }) {
  const { message } = App.useApp();
  const { can } = useAuth();
  const writable = can('hardship.write');
  const upload = async (f: File) => {
    try {
      await uploadFile(`${HBASE}/households/${h.id}/attachments`, f);
      message.success(`已上传：${f.name}`);
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Card
      size="small"
      title="证明材料"
      extra={
        writable ? (
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>上传证明材料</Button>
          </Upload>
        ) : null
      }
    >
      {file.attachments.length ? (
        <Space direction="vertical">
          {file.attachments.map((a) => (
            <Space key={a.id}>
              <PaperClipOutlined />
              <ActionLink onClick={() => void downloadFile(`${HBASE}/attachments/${a.id}`, undefined, a.fileName).catch((e) => message.error(errorMessage(e)))}>{a.fileName}</ActionLink>
              <span className="gh-muted">
                {(a.size / 1024).toFixed(0)} KB · {formatDateTime(a.uploadedAt)}
              </span>
            </Space>
          ))}
        </Space>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无证明材料（PDF、JPG、PNG，10 MB 以内）" />
      )}
    </Card>
  );
}
