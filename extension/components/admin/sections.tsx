/*
 * The sections of 系统管理 (the command center's administration in the dashboard). A new screen (a holiday
 * schedule, a rubric editor, …) is one more entry here; AdminPage lays out whatever is listed.
 */
import type { JSX } from 'preact';
import type { Session } from '../useSession';
import { ImportSection } from './ImportSection';
import { DutiesSection } from './DutiesSection';
import { CodesSection } from './CodesSection';
import { DevicesSection } from './DevicesSection';
import { SettingsSection } from './SettingsSection';

export interface AdminSectionProps {
  session: Session;
  now(): number;
}

export interface AdminSection {
  id: string;
  name: string;
  render(props: AdminSectionProps): JSX.Element;
}

export const ADMIN_SECTIONS: AdminSection[] = [
  { id: 'import', name: '导入名单', render: (p) => <ImportSection {...p} /> },
  { id: 'duties', name: '责任清单', render: (p) => <DutiesSection {...p} /> },
  { id: 'codes', name: '登记码', render: (p) => <CodesSection {...p} /> },
  { id: 'devices', name: '设备', render: (p) => <DevicesSection {...p} /> },
  { id: 'settings', name: '督查设置', render: (p) => <SettingsSection {...p} /> },
];
