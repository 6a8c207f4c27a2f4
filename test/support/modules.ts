// Every Jest test file runs with the installed modules registered, as the
// api, the worker and the seed do at start (domain/installed-modules.ts).
import '../../domain/installed-modules';
