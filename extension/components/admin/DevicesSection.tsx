/** 设备: every enrolled browser with its person and last sync; revoking one stops its next sync at once. */
import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { isoMinuteLabel } from '../../../shared/labels';
import { useCall } from '../useCall';
import type { AdminSectionProps } from './sections';

export function DevicesSection({ session }: AdminSectionProps) {
  const { api } = session;
  const devices = useCall(() => api.admin.devices.query(), [api]);
  const [asking, setAsking] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function revoke(deviceId: string) {
    setAsking(null);
    try {
      await api.admin.revokeDevice.mutate({ deviceId });
      setMessage('已注销：该设备下一次同步将被拒绝，需要重新登记');
      devices.reload();
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }

  if (devices.error) return <p class="error">{devices.error}</p>;
  if (!devices.data) return <p class="muted">正在读取…</p>;
  return (
    <div>
      {message ? <p class="notice" role="status">{message}</p> : null}
      <table data-testid="devices-table">
        <thead>
          <tr>
            <th>人员</th>
            <th>单位</th>
            <th>设备名</th>
            <th>登记于</th>
            <th>最近同步</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {devices.data.map((d) => (
            <tr key={d.id} data-testid={`device-${d.id}`}>
              <td>
                {d.personName}（{d.roleName}）
              </td>
              <td>{d.unitName ?? '—'}</td>
              <td>{d.name}</td>
              <td>{isoMinuteLabel(d.createdAt)}</td>
              <td>{d.lastSeenAt ? isoMinuteLabel(d.lastSeenAt) : '—'}</td>
              <td>
                {d.revokedAt ? (
                  `已注销（${isoMinuteLabel(d.revokedAt)}）`
                ) : asking === d.id ? (
                  <>
                    <button type="button" data-testid="revoke-confirm" onClick={() => revoke(d.id)}>
                      确认注销
                    </button>
                    <button type="button" class="link" onClick={() => setAsking(null)}>
                      取消
                    </button>
                  </>
                ) : (
                  <button type="button" data-testid="revoke" onClick={() => setAsking(d.id)}>
                    注销
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
