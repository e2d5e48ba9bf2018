import { scrypt, randomBytes } from 'node:crypto';

/**
 * A PIN alone identifies the user, so its hash is salted per shop (not per user)
 * and is unique: login is one scrypt and one indexed read, whatever the number of users.
 */
export function hashPin(pin: string, shopSalt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(pin, shopSalt, 32, { N: 16384, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(key.toString('hex'))));
  });
}

export function newSalt(): string {
  return randomBytes(16).toString('hex');
}
