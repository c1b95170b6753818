// Go code with findings and a CLI runner, shared by the tests of baselines, changed code and formats.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers';

/** Findings in a method and a function: rows left open, errors formatted with %v, a server without timeouts. */
export const STORE_GO = `package store

import (
	"database/sql"
	"fmt"
	"net/http"
)

type Store struct{ db *sql.DB }

func (s *Store) Names() ([]string, error) {
	rows, err := s.db.Query("SELECT name FROM users")
	if err != nil {
		return nil, fmt.Errorf("query: %v", err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("scan: %v", err)
		}
		names = append(names, name)
	}
	return names, nil
}

func (s *Store) Exists(find func() error) (bool, error) {
	err := find()
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

func Serve(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux}
	return srv.ListenAndServe()
}
`;

/** One finding: a server without timeouts. */
export const SERVER_GO = `package api

import "net/http"

func Serve(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, MaxHeaderBytes: 8 << 10}
	return srv.ListenAndServe()
}
`;

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), ...args], { cwd, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
