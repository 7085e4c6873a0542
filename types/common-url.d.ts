/**
 * The WHATWG URL that Node and browsers both provide. common/ is compiled without either
 * environment's types (so it cannot lean on one of them); this is the part of URL it may use.
 * Other projects compile common/ files with their own, complete URL type.
 */
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly origin: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly href: string;
}
