// Saves a YAML text as a file the person downloads (processes, scenarios).
import { downloadFile } from '../../app/download';

export function downloadYaml(name: string, text: string): void {
  downloadFile(name, 'application/yaml;charset=utf-8', text);
}
