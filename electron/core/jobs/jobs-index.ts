// Every job module, imported for its registerJob() side effect inside the worker.
import './builtin-jobs';
