// The TypeScript/JavaScript language support loads its mode lazily (when the first JS/TS model is made)
// and that chunk brings editor features (code lens, inlay hints, suggest, code actions, drop) together
// with the services they need. Monaco sets its services up once, at the first model or editor; features
// registered after that make every later editor throw "depends on UNKNOWN service" (here: the review's
// editor opened after the room, which made solution.js/.ts models). Loading the mode with the app
// registers them before any editor exists.
import 'monaco-editor/languages/features/typescript/tsMode';
