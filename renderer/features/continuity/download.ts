// Saves a YAML text as a file the person downloads (processes, scenarios).
export function downloadYaml(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
