// The one thing the flow needs of Node.js, declared here so that the check needs no type packages beyond the client's.
declare const process: { env: Record<string, string | undefined> };
