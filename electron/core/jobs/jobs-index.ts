// Every job module, imported for its registerJob() side effect inside the worker.
import './builtin-jobs';
import './stats-jobs';
import './import-jobs';
import './rgpd-jobs';
import '../backup/jobs';
