/** The documents card of a case: upload, and download by name. */
import { useState } from 'react';
import { App, Button, Card, Empty, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../lib/time.ts';
import { errorMessage } from '../../lib/api.ts';
import { useAuth, useMe } from '../../lib/auth.tsx';
import { downloadFile, uploadFile } from '../membership/shared.ts';
import { useLt } from './i18n.ts';
import { BASE, type Dispute } from './shared.ts';
import { ActionLink } from '../../components/ActionLink.tsx';

/** The case's documents: uploaded here, downloaded by name. */
export function CaseDocuments({ c, onChanged }: { c: Dispute; onChanged: () => void }) {
  const { lt, ll } = useLt();
  const { message } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File) => {
    if (file.size > 20 * 1024 * 1024) {
      message.error(lt('case.tooLarge'));
      return;
    }
    setUploading(true);
    try {
      await uploadFile(`${BASE}/cases/${c.id}/documents`, undefined, file, me.csrfToken);
      message.success(lt('case.uploaded', { name: file.name }));
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Card
      className="gh-card"
      title={lt('case.documents')}
      extra={
        can('legal.write') && (
          <Upload
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
            className="gh-no-print"
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              {lt('case.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {c.documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.documents}
          columns={[
            {
              title: lt('case.docName'),
              dataIndex: 'fileName',
              ellipsis: true,
              render: (v: string, d) => (
                <ActionLink onClick={() => void downloadFile(`/api/v1/cases/documents/${d.id}/file`, undefined, v).catch((e) => message.error(errorMessage(e)))}>
                  <DownloadOutlined /> {v}
                </ActionLink>
              ),
            },
            { title: lt('case.docStage'), dataIndex: 'stageSeq', width: 70, render: (v: number | null) => ll('stage', c.stages.find((s) => s.seq === v)?.stage) },
            {
              title: lt('case.docSize'),
              dataIndex: 'size',
              width: 90,
              align: 'right',
              render: (v: number) => (v >= 1048576 ? `${(v / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(v / 1024))} KB`),
            },
            { title: lt('case.docAt'), dataIndex: 'uploadedAt', width: 140, render: (v: string) => formatDateTime(v) },
          ]}
        />
      )}
    </Card>
  );
}
