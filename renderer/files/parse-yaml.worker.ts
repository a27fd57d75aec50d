// The worker that reads an imported YAML file and runs its importer off the
// window's thread: a slow parse of a file near the size limit, or a hostile
// one, leaves the window responsive. One worker per file, ended after it answers.
import { parseYamlSource, type YamlParseRequest } from './yaml-parsers';

self.addEventListener('message', (event: MessageEvent<YamlParseRequest>) => {
  void parseYamlSource(event.data).then((response) => self.postMessage(response));
});
