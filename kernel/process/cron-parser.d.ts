/** cron-parser's parser module on its own (its index also loads a crontab-file reader that needs fs, refused in workflows). */
declare module 'cron-parser/dist/CronExpressionParser' {
  export { CronExpressionParser } from 'cron-parser';
}
