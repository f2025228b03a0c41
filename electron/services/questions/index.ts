export { loadCatalog, pickQuestions, type CatalogQuestion } from './catalog';
export { BANK_DIR, TESTS_DIR, QuestionBankError, describeProblem, loadQuestionBank, type BankProblem } from './bank-loader';
export { QuestionBank } from './question-bank';
export { skillOverlap, skillsMatch } from './search';
