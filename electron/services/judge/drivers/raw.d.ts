// The drivers are other languages' source files, bundled into the judge as text.
declare module '*?raw' {
  const text: string;
  export default text;
}
